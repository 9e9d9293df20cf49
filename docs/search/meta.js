__regsearch("meta",{"v":2,"shards":8,"docs":5,"tchunk":64,"info":"FhweKiI="});
